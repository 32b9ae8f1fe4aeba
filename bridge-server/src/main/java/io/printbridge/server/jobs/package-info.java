@NullMarked
package io.printbridge.server.jobs;

import org.jspecify.annotations.NullMarked;
