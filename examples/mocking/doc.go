// Package mocking shows how to unit-test application code that uses
// package ivsrealtime without a network: the code takes an ivsrealtime.API
// (the AWS SDK's client in production), and the test gives it a testify
// mock. See app_test.go.
package mocking
