x=1
(x=2; echo "sub $x")
echo "main $x"
mkdir -p d1/d2
(cd d1/d2 && ls ..)
ls
{ echo g1; echo g2; } | wc -l
( exit 3 ); echo "status $?"
v=$(echo a; exit 4); echo "$v $?"
