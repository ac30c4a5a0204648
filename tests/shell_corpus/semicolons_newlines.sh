echo a; echo b
echo c &&
echo d
if true
then
  echo e
fi
for i in 1 \
  2; do echo $i; done
{ echo f
  echo g; }
echo h # comment
# full comment
echo 'i#not-comment' i#also
