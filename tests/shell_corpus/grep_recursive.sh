mkdir -p src/sub
echo 'TODO: fix' > src/a.c
echo 'done' > src/b.c
echo 'TODO later' > src/sub/c.h
grep -r TODO src | sort
grep -rl TODO src | sort
grep -rc TODO src | sort
grep -h TODO src/a.c src/sub/c.h
grep TODO src/a.c src/b.c
