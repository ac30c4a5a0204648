set -e
echo start
if false; then echo no; fi
false || echo recovered
x=$(false || echo fallback); echo $x
f() { false; echo "not reached"; }
true
false
echo "not printed"
