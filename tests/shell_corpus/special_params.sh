set -- a "b c" d
for a in "$@"; do echo "[$a]"; done
for a in $*; do echo "<$a>"; done
echo "$#"
shift 2; echo "$@"
false; echo $?; true; echo $?
f() { echo "$# $1"; }; f x y z
