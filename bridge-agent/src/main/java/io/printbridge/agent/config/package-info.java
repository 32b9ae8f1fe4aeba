@NullMarked
package io.printbridge.agent.config;

import org.jspecify.annotations.NullMarked;
