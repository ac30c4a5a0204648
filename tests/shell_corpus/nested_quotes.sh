a="it's"
b='say "hi"'
echo "$a" "$b"
echo "${a}s" '${a}'
c="x${a}y"; echo "$c"
echo \"escaped\" \'single\'
echo "a\\b" 'a\\b'
echo "tab:\t" 
d="multi
line"; echo "$d"
echo "$d" | wc -l
