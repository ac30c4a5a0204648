mkdir -p a/b/c
cd a/b
cd ../..
ls
cd a; cd b; cd c; cd ../../..; ls -d a
realpath a/b/../b/c | sed 's|.*/a/|a/|'
ln -s a/b lnk; ls lnk
cd lnk && ls && cd ..
dirname a/b/c; basename a/b/c
test -d a/b && echo isdir
