// Package emulators starts the IVS Real-Time and CodeCatalyst emulators of
// this module for the example programs (the awsevents command-line tool and
// the standalone emulator), loads their data from a JSON file, and exports the
// certificate of the CodeCatalyst emulator so that other clients can trust it.
package emulators
