// Package quota is the per-operation rate quota of the emulators: a token
// bucket per operation, as AWS services enforce their TPS quotas.
package quota
