export FOO=bar
sh -c 'echo "child sees $FOO"'
BAZ=qux sh -c 'echo "prefix $BAZ"'
echo "after: ${BAZ:-unset}"
LOCAL=1
sh -c 'echo "local ${LOCAL:-not exported}"'
unset FOO; sh -c 'echo "unset ${FOO:-gone}"'
env X=1 sh -c 'echo $X'
