package codecatalysttest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"time"
)

// CertificateValidity is how long the certificate a Server makes for
// itself is valid, from an hour before it starts (to allow for clock skew).
const CertificateValidity = 30 * 24 * time.Hour

// WithTLSCertificate makes the Server present cert instead of the
// certificate it makes for itself when it starts. Use it to keep one
// certificate across restarts; it must be valid for the address clients
// dial. A Fake ignores it.
func WithTLSCertificate(cert tls.Certificate) Option {
	return func(c *config) { c.cert = &cert }
}

// NewCertificate returns a new self-signed certificate for the loopback
// names (127.0.0.1, ::1 and localhost) with a fresh ECDSA P-256 key: what a
// Server presents unless WithTLSCertificate gives it one.
//
// It is a leaf, not a certificate authority: its basic constraints say
// CA:FALSE and it may not sign certificates, so trusting it (the AWS CLI's
// --ca-bundle, AWS_CA_BUNDLE, a ca_bundle in a profile) trusts this one
// certificate for the loopback names and nothing else. Its private key
// never leaves the process, so no one else can make a certificate that
// verifies against it. A client that trusts it and is sent to a real AWS
// endpoint still verifies that endpoint against the system's roots only
// if it keeps them: the AWS CLI's --ca-bundle replaces them.
func NewCertificate() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("codecatalysttest: certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("codecatalysttest: certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"awsevents codecatalysttest"}, CommonName: "codecatalysttest emulator"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(CertificateValidity),
		BasicConstraintsValid: true,
		IsCA:                  false,
		// Go's crypto/x509 and OpenSSL (the AWS CLI's Python) both take a
		// self-signed leaf in the trusted pool as a trust anchor; neither
		// lets it issue certificates.
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("codecatalysttest: certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("codecatalysttest: certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

// tlsConfig returns the server's TLS configuration: the certificate of
// WithTLSCertificate, or a new one. Like httptest.NewServer, NewServer
// panics when it cannot start (here: when the system has no randomness).
func (c *config) tlsConfig() *tls.Config {
	if c.cert == nil {
		cert, err := NewCertificate()
		if err != nil {
			panic(err.Error())
		}
		c.cert = &cert
	}
	return &tls.Config{Certificates: []tls.Certificate{*c.cert}, MinVersion: tls.VersionTLS12}
}
