echo 'single $HOME' "double \$x \"q\"" back\ slash
x='a  b   c'
echo $x
echo "$x"
echo "a\tb" 'c\nd'
printf '%s|' "$x" $x; echo
echo "nested $(echo "inner 'q'")"
