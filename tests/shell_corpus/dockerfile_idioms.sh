set -eux
mkdir -p app/conf && cd app
printf 'PORT=8080\nDEBUG=false\n' > conf/app.env
sed -i 's/^DEBUG=.*/DEBUG=true/' conf/app.env
grep -q '^PORT=' conf/app.env && echo "port configured"
command -v wget >/dev/null 2>&1 && echo "have wget"
command -v curl >/dev/null 2>&1 || echo "no curl"
for f in conf/*.env; do echo "== $f"; cat "$f"; done
VERSION=1.2.3
# The stages of a pipeline trace concurrently in busybox: no xtrace from here.
set +x
echo "major=${VERSION%%.*} minor=$(echo $VERSION | cut -d. -f2)"
[ -d /nonexistent ] || mkdir -p logs
chmod 755 logs && ls -d logs
find . -type f | sort | xargs wc -l | tail -1
echo "done"
