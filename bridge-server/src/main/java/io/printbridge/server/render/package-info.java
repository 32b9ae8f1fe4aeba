/** Invoices rendered for the printer a store's agent reported, with erp-core. */
@NullMarked
package io.printbridge.server.render;

import org.jspecify.annotations.NullMarked;
