@NullMarked
package io.printbridge.server.agents;

import org.jspecify.annotations.NullMarked;
