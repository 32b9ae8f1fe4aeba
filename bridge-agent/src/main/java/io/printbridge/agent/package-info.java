@NullMarked
package io.printbridge.agent;

import org.jspecify.annotations.NullMarked;
