greet() { echo "hello $1"; }
greet world
add() { echo $(( $1 + $2 )); }
r=$(add 2 3); echo "r=$r"
g=global
scope() { local g=local; echo "in $g"; }
scope; echo "out $g"
ret() { return 7; }
ret; echo $?
rec() { [ $1 -le 0 ] && return 0; echo $1; rec $(( $1 - 1 )); }
rec 3
count() { echo $#; }; count "a b" c
