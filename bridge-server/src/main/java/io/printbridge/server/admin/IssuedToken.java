package io.printbridge.server.admin;

import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import java.time.Instant;
import java.util.Set;

/** A token just created: the only place the token itself ever is, to be shown once. */
public record IssuedToken(String name, String token, TokenStores stores, Set<Scope> scopes, Instant createdAt) {}
