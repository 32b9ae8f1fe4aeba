@NullMarked
package io.printbridge.agent.link;

import org.jspecify.annotations.NullMarked;
