a=$(echo hello)
b=`echo world`
echo "$a $b"
echo "$(echo "$(echo nested)")"
n=$(printf '%s\n' x y z | wc -l); echo $n
lines="$(printf 'l1\nl2\n\n\n')"; echo "[$lines]"
echo $(seq 3)
