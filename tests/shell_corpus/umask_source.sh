umask 077
touch private; stat -c %a private
mkdir privdir; stat -c %a privdir
umask 022
touch public; stat -c %a public
umask
printf 'LIB_VAR=loaded\nlib_fn() { echo "lib says $1"; }\n' > lib.sh
. ./lib.sh
echo $LIB_VAR
lib_fn hi
printf 'echo "args: $#"\nreturn 3\necho unreachable\n' > r.sh
. ./r.sh a b; echo "rc=$?"
