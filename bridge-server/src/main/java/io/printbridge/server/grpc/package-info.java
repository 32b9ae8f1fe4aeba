@NullMarked
package io.printbridge.server.grpc;

import org.jspecify.annotations.NullMarked;
