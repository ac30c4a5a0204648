sh -c 'echo "$1-$2"' prog first second
sh -c 'echo $#' x a b c
sh -c 'set -- p q; echo $2'
echo 'echo from-stdin' | sh
printf 'x=1\necho "x is $x"\n' > script.sh
sh script.sh
