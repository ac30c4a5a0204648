seq 20 > n
head -n 3 n
head -3 n | tr '\n' ' '; echo
tail -n 2 n
tail -n +18 n
head -c 5 n | wc -c
wc -l n
wc -l < n
wc -w n
echo 'one two three' | wc -w
printf 'abc' | wc -c
wc n
