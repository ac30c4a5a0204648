expr 1 + 2
expr 10 / 3
expr 7 \* 6
expr 5 - 8
expr 3 \> 2
expr abc = abc
expr length hello
expr substr hello 2 3
expr index hello l
expr match abc123 'abc[0-9]*'
expr abc123 : '[a-z]*'
expr 0 + 0; echo "rc=$?"
i=0; i=$(expr $i + 1); echo $i
