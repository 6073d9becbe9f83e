// Package wiretest holds what both services' tests check of what an
// emulator or a fake answers: that a ValidationException names the member
// a request broke and lists every violation, in the service's words, and
// the order of the members of the JSON a reply carries.
package wiretest
