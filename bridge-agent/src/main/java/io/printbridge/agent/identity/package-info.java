/**
 * This agent's certificate over time: renewed by itself at half its lifetime over the live stream
 * (a new key each time), the renewed pair tried before it replaces the one in use, the previous
 * pair kept, and the CA bundle the server hands over. Files are written atomically, keys owner-only.
 */
@NullMarked
package io.printbridge.agent.identity;

import org.jspecify.annotations.NullMarked;
