echo tee-data | tee t1 t2 >/dev/null
cat t1 t2
echo more | tee -a t1 | cat
cat t1
yes | head -n 3
yes abc | head -2
printf 'line\n' | cat -n
echo abc | rev
