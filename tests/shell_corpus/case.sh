for f in app.tar.gz readme.md Makefile x.c script.sh ''; do
  case "$f" in
    *.tar.gz|*.tgz) echo "$f: tarball" ;;
    *.md) echo "$f: markdown";;
    [A-Z]*) echo "$f: capital" ;;
    *.[ch]) echo "$f: c source" ;;
    '') echo "empty" ;;
    *) echo "$f: other"
  esac
done
case x in (x) echo paren;; esac
