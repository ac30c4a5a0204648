#!/bin/sh
echo "hello, version @VERSION@"
