mkdir -p dir/sub
touch dir/b dir/a dir/.hidden dir/C
ls dir
ls -a dir
ls -A dir
ls -1 dir
ls -R dir
ls -d dir
ls dir/sub
ls -p dir
ls -F dir
ls missing 2>/dev/null; echo "rc=$?"
