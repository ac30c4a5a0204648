mkdir -p a/b/c
touch a/b/c/f1 a/b/f2
cp -r a a2
ls a2/b
mv a2 a3
ls -d a*
rm -r a3
ls -d a*
ln -s a/b/f2 lnk
readlink lnk
[ -L lnk ] && echo symlink
cp a/b/f2 copy && ls copy
rmdir a/b/c 2>/dev/null || echo "not empty"
rm a/b/c/f1 && rmdir a/b/c && echo removed
mkdir x && mkdir x 2>/dev/null || echo "exists"
rm -f nonexistent && echo "rm -f ok"
