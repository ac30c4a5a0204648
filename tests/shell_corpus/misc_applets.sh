uname -s
printf 'b\na\n' > f1; printf 'c\n' > f2
cat f1 f2
cat f1 - f2 <<X
mid
X
echo abc | sed 's/b/B/' | awk '{print toupper($0)}' | tr C c
true; echo $?
false; echo $?
expr_out=$(echo 5 | awk '{print $1*2}'); echo $expr_out
