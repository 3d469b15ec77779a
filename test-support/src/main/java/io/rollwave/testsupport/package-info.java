/** Real servers for *IT tests. */
package io.rollwave.testsupport;
