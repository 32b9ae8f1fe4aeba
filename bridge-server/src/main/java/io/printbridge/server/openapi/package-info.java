/**
 * The head of the ERP API's OpenAPI description: what the API is and its security scheme. The
 * operations come from the controllers' annotations and the job bodies' schemas from their own
 * records ({@code api.request}), which the request parser reads into. Read at compile time by
 * micronaut-openapi, which writes {@code META-INF/swagger/bridge-server.yml}; the server serves it
 * at {@code /swagger/bridge-server.yml}.
 */
@NullMarked
package io.printbridge.server.openapi;

import org.jspecify.annotations.NullMarked;
