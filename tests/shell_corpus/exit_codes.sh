sh -c 'exit 5'; echo $?
sh -c 'false'; echo $?
( exit 42 ); echo $?
false | true; echo $?
true | false; echo $?
nonexistent_cmd 2>/dev/null; echo $?
[ 1 -eq 2 ]; echo $?
grep x /dev/null; echo $?
