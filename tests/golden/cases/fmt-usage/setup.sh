#!/bin/sh
mkdir emptydir
