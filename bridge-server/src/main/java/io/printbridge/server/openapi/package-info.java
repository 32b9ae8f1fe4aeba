/**
 * The ERP API's OpenAPI description: the document's header, its security scheme, and the job
 * bodies' schemas. Read at compile time by micronaut-openapi, which writes
 * {@code META-INF/swagger/bridge-server.yml}; the server serves it at {@code /swagger/bridge-server.yml}.
 */
@NullMarked
package io.printbridge.server.openapi;

import org.jspecify.annotations.NullMarked;
