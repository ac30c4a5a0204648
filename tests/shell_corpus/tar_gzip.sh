mkdir -p proj/src
echo main > proj/src/main.c
echo readme > proj/README
tar cf proj.tar proj
tar tf proj.tar | sort
mkdir out && tar xf proj.tar -C out && cat out/proj/src/main.c
tar czf proj.tgz -C proj .
mkdir out2 && tar xzf proj.tgz -C out2 && cat out2/README
echo compress me > z
gzip z && ls z*
gunzip z.gz && cat z
gzip -c z | gunzip -c
tar xzf proj.tgz -C out2 --strip-components=1 && ls out2
