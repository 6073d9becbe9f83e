// Package query is the awsevents command's --query: JMESPath as the AWS
// CLI runs it (jmespath.py), on top of go-jmespath: the legacy literals
// the AWS CLI's examples use (events[?name==`JOINED`]), and the objects a
// multi-select hash makes with their members in the query's order.
package query
