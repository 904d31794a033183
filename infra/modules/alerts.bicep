// What an operations team is told by e-mail (README, "Alerts runbook"): a place's weekly digest not
// posted by Monday 10:00 UK time, any 5xx from the Function App in 15 minutes, a message in the
// digest queue's poison queue, storage availability below 99%. The digest and poison alerts read
// the app's own telemetry (functions/telemetry: customMetrics in Application Insights).

param location string
param tags object = {}

@description('Where alerts are e-mailed (an operations mailbox or distribution list).')
param alertEmail string

param actionGroupName string
param appInsightsId string
param functionAppId string
param storageAccountId string

@description('Places expected to get a digest every Monday (those with a linked partnership channel).')
param digestPlaces string[]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'ppbot-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Mondays from 10:00 to midnight, Europe/London (the timer runs in UTC; this query decides UK time,
// summer time included): every expected place that has no digest posted since Monday 00:00.
var digestQuery = '''
let nowUk = datetime_utc_to_local(now(), 'Europe/London');
let mondayUk = startofweek(nowUk) + 1d;
let expected = dynamic(PLACES);
let posted = customMetrics
  | where name == 'digest.channels' and tostring(customDimensions.outcome) in ('posted', 'already sent')
  | where timestamp >= datetime_local_to_utc(mondayUk, 'Europe/London')
  | distinct place = tostring(customDimensions.place);
print place = expected
| mv-expand place to typeof(string)
| where nowUk between (mondayUk + 10h .. mondayUk + 1d)
| join kind=leftanti posted on place
'''

resource digestNotPosted 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'digest-not-posted-by-monday-10'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'A place\'s weekly digest was not posted by Monday 10:00 UK time'
    description: 'README: Alerts runbook, "Digest not posted".'
    severity: 2
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    criteria: {
      allOf: [
        {
          query: replace(digestQuery, 'PLACES', string(digestPlaces))
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'place'
              operator: 'Include'
              values: ['*']
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

resource serverErrors 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'http-5xx-in-15-minutes'
  location: 'global'
  tags: tags
  properties: {
    description: 'Any HTTP 5xx from the Function App in 15 minutes. README: Alerts runbook, "5xx".'
    severity: 1
    enabled: true
    scopes: [functionAppId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'http5xx'
          metricName: 'Http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// The timer reads digest-poison's length every 15 minutes and reports it (digest.poison_messages).
resource poisonMessages 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'digest-poison-queue-not-empty'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'The digest queue\'s poison queue is not empty'
    description: 'README: Alerts runbook, "Poison queue".'
    severity: 2
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "digest.poison_messages" | summarize arg_max(timestamp, value) | where value > 0'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

resource storageAvailability 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'storage-availability-below-99'
  location: 'global'
  tags: tags
  properties: {
    description: 'Storage availability below 99% over an hour (throttling or an outage). README: Alerts runbook, "Storage availability".'
    severity: 1
    enabled: true
    scopes: [storageAccountId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'availability'
          metricName: 'Availability'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          operator: 'LessThan'
          threshold: 99
          timeAggregation: 'Average'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

output actionGroupId string = actionGroup.id
