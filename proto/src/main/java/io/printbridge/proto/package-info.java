/** Conversions between java.time and the contract's protobuf time types, for both sides. */
@NullMarked
package io.printbridge.proto;

import org.jspecify.annotations.NullMarked;
