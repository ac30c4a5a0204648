printf 'b\na\nc\n' | sort | head -n 2
echo hello | tr a-z A-Z | rev
seq 1 10 | grep 1 | wc -l
echo abc | { read x; echo "got $x"; }
x=outer; echo inner | read x; echo $x
printf '3\n1\n2\n' | sort -n | tail -1
