#!/bin/sh
printf "role a {\377}\n" > binary.remit
