printf 'alice 30\nbob 25\ncarol 35\n' > people
while read name age; do
  echo "$name is $age"
done < people
while IFS= read -r line; do echo "[$line]"; done <<X
  spaced  line  
back\slash
X
read -r a b c <<X
1 2 3 4 5
X
echo "$a|$b|$c"
