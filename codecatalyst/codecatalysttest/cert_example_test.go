package codecatalysttest_test

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

// A Server presents a certificate made for it when it starts, a leaf (not a
// CA) for the loopback names. Its PEM form is the CA bundle the AWS CLI
// needs (aws --ca-bundle, AWS_CA_BUNDLE).
func ExampleServer_Certificate() {
	srv := codecatalysttest.NewServer()
	defer srv.Close()

	bundle := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	pool := x509.NewCertPool()
	fmt.Println("bundle parses:", pool.AppendCertsFromPEM(bundle))
	fmt.Println("is a CA:", srv.Certificate().IsCA)
	fmt.Println("names:", srv.Certificate().DNSNames, srv.Certificate().IPAddresses)
	// Output:
	// bundle parses: true
	// is a CA: false
	// names: [localhost] [127.0.0.1 ::1]
}
