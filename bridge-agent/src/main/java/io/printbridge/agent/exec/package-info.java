@NullMarked
package io.printbridge.agent.exec;

import org.jspecify.annotations.NullMarked;
