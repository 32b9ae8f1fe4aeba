/**
 * Certificates for the bridge: a store CA, the server's TLS certificate and one client
 * certificate per store agent carrying the store id (see {@link io.printbridge.certs.StoreIdentity}).
 */
@NullMarked
package io.printbridge.certs;

import org.jspecify.annotations.NullMarked;
