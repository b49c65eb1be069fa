#!/usr/bin/env bash
# Builds the folder that travels to a GPU machine without Java: a jlink'd runtime, the agent jar,
# the kernels' source and this folder's scripts. Usage: provider-agent/device/prepare.sh TARGET_DIR
# (run from the repository root after `./mvnw -B -q -o -pl provider-agent -am package -DskipTests`).
set -euo pipefail
target=${1:?target directory}
java_home=${JAVA_HOME:?set JAVA_HOME to a JDK 25}
rm -rf "$target"
mkdir -p "$target"
# java.base for FFM, jdk.unsupported and java.logging for the libraries; the rest jdeps lists is
# reached only by gRPC and Bouncy Castle code that probe and bench never load.
"$java_home/bin/jlink" --add-modules java.base,jdk.unsupported,java.logging --compress zip-9 --strip-debug \
    --no-header-files --no-man-pages --output "$target/jre"
# The device transfer is capped at 64 MiB: drop the gRPC, protobuf, Netty-native and Bouncy Castle
# classes (about 24 MiB) that probe and bench do not load. The classes that run are the jar's own.
cp provider-agent/target/assay-agent.jar "$target/assay-agent.jar"
zip -q -d "$target/assay-agent.jar" 'com/google/*' 'org/bouncycastle/*' 'META-INF/native/*' 'io/grpc/*' 'google/*' >/dev/null
cp provider-agent/src/main/resources/kernels/assay_bench.cu provider-agent/src/main/resources/kernels/assay_bench.ptx \
    provider-agent/device/gpu-check.sh provider-agent/device/torch_compare.py "$target/"
du -sh "$target"
