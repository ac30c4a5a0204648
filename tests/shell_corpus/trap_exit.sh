trap 'echo cleanup' EXIT
echo working
sh -c 'trap "echo inner-exit" EXIT; echo inner'
