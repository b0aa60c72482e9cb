<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Bucket…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload Fo&amp;lder Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do&amp;wnload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename/Move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a folder here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload files into this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload Fo&amp;lder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload a local folder here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder or preview the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selection or move it elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selection beside itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selection&apos;s URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pre-signed URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a time-limited link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issued Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pre-signed links made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypt with Current &amp;Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypt the SSE-C objects here with the key ring&apos;s current key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server without saving a bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a connection in the sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the password of Eider&apos;s secret vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the keyboard focus to the bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another browser window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the previous location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go forward again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the folder above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List this folder again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an s3:// location to go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the loaded names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the search on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut the selection, to move it with Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selection, to copy it with Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste objects or local files into this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selection to a folder of any connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selection to a folder of any connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload local files to a folder of any connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the selected version the current one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected version for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the delete marker: the version below it comes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort the unfinished upload and free its parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source → Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired or cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not archived (readable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until / next check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initiated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑ upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× delete on server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× delete local file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⇅ conflict (keep both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own transfer settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own defaults for new uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own connection settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove delete marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add delete marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 days (the most SigV4 allows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposed headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max age (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (the server&apos;s own default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-S3 (AES-256, keys managed by S3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-KMS (a key in KMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DSSE-KMS (two layers, a key in KMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider&apos;s editor cannot show this rule&apos;s shape (for example a legacy rule-level prefix or an element it does not know). It is kept exactly as it is when you save the other rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Lock is not enabled on this bucket, so there is no retention to set. It is switched on when a bucket is created (AWS also allows it later on a versioned bucket), and can never be switched off again; Eider does not switch it on from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Governance: users with a special permission may still delete or shorten it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance: nobody, not even the root account, can delete before it ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block new public ACLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore existing public ACLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block new public bucket policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restrict access to buckets with public policies to the account&apos;s own users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not supported by this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requester pays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Requesters pay for requests and downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When on, anyone reading this bucket pays the request and transfer costs and must say so in each request; anonymous access stops working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer acceleration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accelerate transfers through the provider&apos;s edge locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accelerated transfers use a separate endpoint and cost extra; bucket names with dots cannot use it. Switching it off suspends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA delete can only be switched on or off by the bucket owner&apos;s root account, signing the request with its MFA device (for example with the AWS CLI&apos;s --mfa option); Eider leaves it as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versioning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload: folder → bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download: bucket → folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload, deleting what the folder lacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download, deleting what the bucket lacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror: both ways (changes and deletions on either side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean Up Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Local File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Another Bookmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This rewrites the object on the server: it gets a new ETag, and a new version on a versioned bucket. Large objects (always those above 5 GiB) are copied in parts; encryption, tags and permissions are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-&amp;S3 (keys managed by the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-&amp;KMS (a key in AWS KMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-&amp;C (the bookmark&apos;s own key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the account&apos;s default key for S3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a key of the account, or type a key ID, key ARN or alias/name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonical user ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All users (anyone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authenticated users (any AWS account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACLs are disabled on this bucket (object ownership is &quot;bucket owner enforced&quot;): the owner has full control and permissions are granted with the bucket policy instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not encrypted by S3 (the bucket&apos;s default may still apply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted by the server with keys S3 manages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted by the server with an AWS KMS key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted by the server with a customer-provided key; reading it needs that key (a bookmark&apos;s SSE-C key ring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted on the client before upload; the stored bytes are ciphertext, and reading it needs the client-side key (a bookmark&apos;s CSE key, or a KMS key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles and bookmarks (*.cyberduckprofile *.profile *.duck);;Connection profiles (*.cyberduckprofile *.profile);;Cyberduck bookmarks (*.duck);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a bucket or one folder, then Restore to a Point in Time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An exported key file lets anyone who has it read every object encrypted with these keys. Keep it somewhere as safe as the data, and never next to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders and large selections drop on Dolphin, Thunar, Nemo, PCManFM or another Eider window; elsewhere use Download… (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window&apos;s connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting local sandbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIST, P&amp;UT, COPY:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dollars per 1,000 LIST, PUT and COPY requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET, &amp;HEAD:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dollars per 1,000 GET and HEAD requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DE&amp;LETE:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dollars per 1,000 DELETE requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;out:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dollars per GB downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dollars per GB uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per 1,000 requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionController</name>
    <message>
        <source>Not connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the connection to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a bucket first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select what to {0} first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArchiveRestores</name>
    <message>
        <source>Archive &amp;Restores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive restores asked for, and their downloads once ready</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Bookmarks message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmarks message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banner action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarkAdvanced</name>
    <message>
        <source>Advanced settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarkDialog</name>
    <message>
        <source>Connection settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymous login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the system keyring; without one, in Eider&apos;s vault once it is unlocked, else for this session only. Never in a plain file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile help link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role ARN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload encryption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (leave empty to keep the saved one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;a href=&quot;{0}&quot;&gt;Help for {1}&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected failure ({0}); see the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarkListModel</name>
    <message>
        <source>{0} (profile not installed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarksSidebar</name>
    <message>
        <source>Bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmarks list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Bookmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bookmarks could not be changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bookmarks could not be changed ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the bookmark &apos;{0}&apos;? Its stored secrets are removed too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm bookmark deletion</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowserController</name>
    <message>
        <source>Listing buckets…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message>
        <source>Show hidden files (versions, delete markers, uploads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-clicking a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previews it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Double-clicking a file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Da&amp;tes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1.5 MiB (binary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1.6 MB (decimal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1,572,864 (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;zes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listings kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listings kept:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a listing for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep a listing for:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BucketActions</name>
    <message>
        <source>Created bucket {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting objects to delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bucket &apos;{0}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} buckets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the bucket {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bucket &apos;{0}&apos; was not deleted: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing else was changed; delete it again once the cause is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BucketGeneralTab</name>
    <message>
        <source>Objects and size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object count and total size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted yet (listing a large bucket takes a while).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include &amp;versions and delete markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include versions and delete markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the objects and their size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>versions and delete markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting stopped: {0} Counted until then: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; counted until then: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> so far…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— (this name or endpoint allows no host name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path-style URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual-host URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificatePrompt</name>
    <message>
        <source>Untrusted Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of {0} has changed since bookmark &apos;{1}&apos; trusted it. If it was not replaced on purpose, someone may be intercepting the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trusted authority vouches for the certificate of {0}. Compare its fingerprint with the one whoever runs the server gives you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previously trusted fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previously trusted: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate for this bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangeVaultPasswordDialog</name>
    <message>
        <source>Change the master password of Eider&apos;s vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change vault password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider re-encrypts its vault under the new master password. At least {0} characters; Eider cannot recover a forgotten one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current master password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New master password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New master password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passwords differ. Type the same one twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnMenu</name>
    <message>
        <source>&amp;Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the {0} column</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectController</name>
    <message>
        <source>The certificate was not trusted: the bookmark is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries per request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tries per request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys per listing request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys per listing request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel listing requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Parallel listing requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://host:port (none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without verification anyone on the network path can read and change this bookmark&apos;s traffic.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorsTab</name>
    <message>
        <source>CORS rule {0}: the max age &apos;{1}&apos; is not a whole number of seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORS rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About CORS rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods: {0}. Separate several values with commas; * allows any origin or header. Saving with no rules removes the CORS configuration.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteConfirmDialog</name>
    <message>
        <source>Confirm delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete {0}?
This deletes %Ln object(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>What will be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add delete markers (versions are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every version permanently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;delete markers: the objects disappear, their versions are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete &amp;permanently: all %Ln versions and delete markers go; this cannot be undone</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DestinationDialog</name>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is wrong with the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DragAndDrop</name>
    <message>
        <source>Open a bucket first, or drop onto a bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do with the dropped files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import or upload?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of the dropped files are connection profiles or bookmarks ({1}). Import them and upload the other {2} to {3}, or upload all {4}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Them, Upload the Rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the connection to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window these objects came from is closed, and its connection has no bookmark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the connection again and drag them from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s) (with everything in them)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm the move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move {0} from s3://{1}/ to {2}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each source is deleted only once its copy is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} was not fully copied ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} was not fully moved ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying {0} between the connections stopped at its {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted. Retry the job in the status line or the Transfers window to continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropHighlight</name>
    <message>
        <source>Drop target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the file in its default application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;With…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the file in a program you choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Ed&amp;its…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files being edited; close them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a bucket first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then select the file to edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one file to edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders cannot be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit With</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command to edit the file with ({} stands for the file, else it goes last):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the command of a program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading s3://{0}/{1} to edit it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The editor could not be started: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy is at {0}; use Edit With… to choose a program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last save of {0} was not uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its copy is kept at {0} and offered again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditConflictDialog</name>
    <message>
        <source>Object changed on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
What should happen to your save?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for “Save As New Name”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload your save over the server&apos;s change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save As New Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload your save under the new name; the server&apos;s object stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard My Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop your save; your copy takes the server&apos;s content</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EncryptionProbe</name>
    <message>
        <source>{0}
Encryption: unknown ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
Encryption: {1} ({2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
Encryption: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EncryptionTab</name>
    <message>
        <source>Default encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encrypt new objects with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key ID or ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the account&apos;s AWS-managed key (aws/s3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;KMS key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an S3 &amp;Bucket Key (fewer KMS requests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an S3 Bucket Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About default encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to objects uploaded from now on without encryption of their own; objects already stored keep theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current encryption&apos;s icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key ARN or alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply Encryption…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (key {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(each object keeps its own until you apply a choice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-C needs a key: give the bookmark an SSE-C key to use it here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileImport</name>
    <message>
        <source>Import profile or bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a connection profile (.cyberduckprofile, .profile) or a .duck bookmark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileImporter</name>
    <message>
        <source>{0}: the bookmark &apos;{1}&apos; is already in your bookmarks (same UUID); nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePick</name>
    <message>
        <source>Upload Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose files to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder to download into</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderTree</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buckets and folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buckets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>At start, open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At &amp;start, open:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the Transfers window when a transfer starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume unfinished transfers at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify when a long transfer ends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HiddenFiles</name>
    <message>
        <source>Columns (click to sort, right-click to choose, drag to reorder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions and delete markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Version Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished &amp;Upload Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Hidden Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show versions, delete markers and unfinished uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore This Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Version Permanently…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Delete Marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort Upload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unfinished uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {0} of {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete version {0} of {1} permanently?
This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort the unfinished upload of {0}?
Its uploaded parts are discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoActions</name>
    <message>
        <source>Get &amp;Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the properties and settings of the selection (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a bucket first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bucket, then choose Get Info.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the connection to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoTab</name>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} could not be read: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoTarget</name>
    <message>
        <source>Info — bucket {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info — folder {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info — {0} items in {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoWindow</name>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder: {0} (everything under it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {0:,} more objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change in any tab is applied to every object, after a question.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions (ACL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This object has no ACL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— (known from the ACL, which was not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the {0} of &apos;{1}&apos;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the objects to change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no objects in the selection to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each object&apos;s current setting is replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the {0} of {1:,} objects?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {0} could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed the {0} of {1:,} of {2:,} objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {0:,} could not be changed (listed below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the {0} of &apos;{1}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job was {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {0} of &apos;{1}&apos; could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking for the restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore was not requested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restore requested ({0}, %n days). It is followed in Window &gt; Archive Restores, which offers the download once the copy is ready.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Copied:
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssuedLinksDialog</name>
    <message>
        <source>Issued links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links Eider issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyRingDialog</name>
    <message>
        <source>SSE-C key ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-C Key Ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys, the current one first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a key: 44 characters of base64 or 64 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the pasted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a new current key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the key up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the key down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the key the current one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand what an exported key file allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the key ring to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ring status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the key ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the key ring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first key encrypts uploads; all keys decrypt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new key was generated and made current; save to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key already in the ring was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key {0} removed: objects still encrypted with it cannot be read once you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current, encrypts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decrypts only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}. {1} ({2}) - S3 key MD5 {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key yet: generate, import or paste one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import SSE-C keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n key(s) from {0}; save to keep them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export SSE-C keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n key(s) to {0}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyRotation</name>
    <message>
        <source>Looking at the keys under s3://{0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyboardTransfers</name>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload T&amp;o…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder (a bucket cannot be moved).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a bucket first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select what to copy or move first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the bucket or folder to paste into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} item(s): paste with Ctrl+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to paste: cut or copy objects or files first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload To</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KmsKeyPicker</name>
    <message>
        <source>{0}
The account&apos;s keys could not be listed: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
This server offers no key list (no KMS).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleRuleEditor</name>
    <message>
        <source>{0}: &apos;{1}&apos; is not a date such as 2027-01-31.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: &apos;{1}&apos; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. expire-tmp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to objects matching all of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: every object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags to match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size greater than (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size greater than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size less than (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size less than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How filter conditions combine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every condition given must hold (S3 joins them with And); for either-or, write two rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transitions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire after days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days after creation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire after days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire on date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire on date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove expired object &amp;delete markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove expired object delete markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noncurrent versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noncurrent version transitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days noncurrent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer versions to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ransitions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete noncurrent versions after days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days after becoming noncurrent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete after days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer noncurrent versions to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1-100, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer versions to keep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished multipart uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort unfinished uploads after days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort after days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleTab</name>
    <message>
        <source>(no ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rule chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lifecycle rules. Add one to expire or move objects over time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this rule is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only lifecycle rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LimitsDialog</name>
    <message>
        <source> MiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simultaneous transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections per transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simultaneous transfers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections per transfer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other limits on a weekly schedule (the first matching row holds):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add schedule rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove schedule rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days of rule {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} time of rule {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} limit of rule {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkActions</name>
    <message numerus="yes">
        <source>Copied %n URL(s) (path-style and virtual-host)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select one file to make a pre-signed URL for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoggingTab</name>
    <message>
        <source>&amp;Log every request to this bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server access logging on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket receiving the logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefix of the log objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. logs/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About access logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target bucket must be in the same region and let the logging service write to it. Logs arrive some hours after the requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the bucket that receives the logs, or switch logging off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Eider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider main window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Location…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load every page of this folder&apos;s listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the Transfers window (Ctrl+Shift+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every request sent to the server (Ctrl+Alt+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronize…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare a local folder with this folder, preview the plan and its cost, run it (Ctrl+Shift+Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings for every window and the command line: transfers, S3 defaults, connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter loaded names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns (click to sort)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider — {0} — {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is at {0}: no key in {1} starts with &apos;{2}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bucket {0} is empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManyProgress</name>
    <message>
        <source>Progress of the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is being changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects that could not be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the {0} of {1}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetadataTab</name>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields left empty keep each object&apos;s own value; user metadata below is added to (or replaces the same names in) each object&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User metadata (x-amz-meta-*):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected user metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Metadata…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MfaDialog</name>
    <message>
        <source>Multi-factor authentication code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the current one-time code from the MFA device
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA dialog buttons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NamePrompt</name>
    <message>
        <source>Problem with the name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewBucketDialog</name>
    <message>
        <source>New bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems with the bucket name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>Transfer failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer complete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObjectActions</name>
    <message>
        <source>New Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created folder s3://{0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting objects to delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder &apos;{0}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} selected items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after deleting {0:,} objects from {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {0:,} objects from {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s) could not be deleted; the first: {0}: {1}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Check your permissions on those objects, then delete them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one file or folder to rename.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a new name, or s3://bucket/folder/ to move it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename or Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;name, or s3://bucket/folder/ to move into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved {0:,} objects from {1} to {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved {0} to s3://{1}/{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move of {0} cancelled after {1:,} objects; the rest stayed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} was not fully moved ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was lost: a source is deleted only after its copy is complete. Retry the job to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicated {0} as {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} was not fully duplicated; {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObjectGeneralTab</name>
    <message>
        <source>MD5 of the content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an MD5 of the content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; uploaded in {0} parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, bucket key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored copy available until {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checksums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— (not versioned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Lock retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the object&apos;s URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pre-signed URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a pre-signed URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObjectLockTab</name>
    <message>
        <source>Object Lock state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default retention mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No default retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;retention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention period unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Lock is enabled on this bucket.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenEditsDialog</name>
    <message>
        <source>Edits Left Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These edits were left open when Eider last stopped. Their copies are kept: reopen one to keep editing and upload it, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects being edited. Closing an edit deletes its private copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the kept copy again and upload its saves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the private copy; unsaved changes in it are lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PathBar</name>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location breadcrumbs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location (s3://bucket/folder/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s3://bucket/folder/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermissionsTab</name>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grants below replace the ACL of every object in the selection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About these permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grantee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID or e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems with the grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canned ACL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canned ACL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply &amp;Canned ACL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the canned ACL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner: {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grantee kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointInTimeActions</name>
    <message>
        <source>Restore to a Point in &amp;Time…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring a versioned bucket or folder back to how it was at a moment you choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointInTimeDialog</name>
    <message>
        <source>Point-in-time restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point-in-Time Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore s3://{0}/{1} to its state at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moment to restore to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes the restore makes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version (of)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a moment and preview the changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,} objects restored to an earlier version, {1:,} delete markers removed, {2:,} delete markers added (objects created since); {3:,} unchanged. Every change adds a version or removes a marker placed since: nothing is deleted for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing to restore: %Ln key(s) read, all as they were then.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicyTab</name>
    <message>
        <source>Bucket policy JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems in the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the bucket policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No policy is set. Write one here, for example:
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesWindow</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings that could not be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preference sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 &amp;Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not used from the settings file (the defaults hold):
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresignDialog</name>
    <message>
        <source>Pre-signed URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the URL allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download (GET)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload (PUT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expires after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom expiry in hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Custom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;reate URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and refusals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers the URL needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until {0}. Anyone holding this URL can use it until then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every request to this URL must send these headers:
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewActions</name>
    <message>
        <source>Opening {0}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Preview of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This object looks binary, not text or an image; download it to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PricesPage</name>
    <message>
        <source>Prices in US dollars for sync cost estimates. Leave a price empty when it is not known: estimates that need it then say “unknown”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from a price table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a table to copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price table name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (empty: unknown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublicAccessTab</name>
    <message>
        <source>Public access block now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the public access block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This bucket has a public access block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This bucket has no public access block of its own (the account&apos;s may apply).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>Transfers Are Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) still running.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stop them now (each can be resumed at the next start, where it stopped), or let them finish and quit afterwards?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider quits when these transfers have finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message>
        <source>Re-encrypt with the current key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypt with the Current Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects under {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  key {0} ({1}, {2}): {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  without SSE-C (left as they are): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No key of this ring opens %n object(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>  ... and {0} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not look at {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects per key</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Re-encrypt %n object(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreBox</name>
    <message>
        <source>Restore from the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to two days, cheapest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days the restored copy is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the copy for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreTrackerDialog</name>
    <message>
        <source>Archive restores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive Restores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested archive restores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — last check failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <source>&amp;Add {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>S3DefaultsPage</name>
    <message>
        <source>ACL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (the bucket&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ACL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bucket&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Storage class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE-S3 (AES256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account&apos;s default key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;KMS key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value, name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared links expire after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared &amp;links expire after:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretPromptDialog</name>
    <message>
        <source>Secret key for this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret key for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no system keyring to take the secret key of &apos;{0}&apos; from (access key ID {1}). Type it to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use it for this session only (forgotten when Eider quits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the secret for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it in Eider&apos;s encrypted vault (asks for the vault&apos;s master password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the secret in Eider&apos;s vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionTab</name>
    <message>
        <source>{0} settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why {0} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}
The provider does not offer this setting, so there is nothing to change here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelectionGeneralTab</name>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>timed out waiting for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} did not finish: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>main window open ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} icons and {1} provider profiles load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox server did not start: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox server started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo bucket&apos;s listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listed {0}: {1} entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploaded {0} bytes to s3://{1}/{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the uploaded file&apos;s listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the window lists {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the downloaded file differs from the uploaded one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded it again, byte for byte the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerSearch</name>
    <message>
        <source>Search on Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the names that start with the filter text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search Subfolders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the filter text in every key under this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the list shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names starting with “{0}” (server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys containing “{0}” in subfolders</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>the running Eider does not answer; this Eider runs on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}; this Eider runs on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no single-instance socket ({0}); this Eider runs on its own</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageClassDelegate</name>
    <message>
        <source>Storage class</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageClassTab</name>
    <message>
        <source>Storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New storage class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the class copies the object onto itself (in parts above 5 GiB); its metadata, tags, encryption and permissions are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply Storage Class…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the storage class</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SwitchTab</name>
    <message>
        <source>About {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>The window is not connected yet; wait for it, then compare again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncWindow</name>
    <message>
        <source>Synchronize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronize — Eider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path/to/folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the local folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s3://bucket/folder/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*.tmp logs/*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show unchanged files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop comparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do the ticked rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Local folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remote folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;omparison:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Exclude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the local folder to synchronize.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the remote folder as s3://bucket/folder/.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exclude patterns cannot be read: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {0} problems (see tooltips)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} to transfer, {1} to delete, {2} conflicts (both kept), </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} to transfer, {1} to delete, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} unchanged, {1} kept{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick the rows to leave out, then Run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of the ticked rows: {0} requests · {1} up, {2} down · {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running as job {0} (see Window › Transfers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished with problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} transferred, {2} deleted. Requests the sync sent: {3}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableEditor</name>
    <message>
        <source>&amp;Add {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <source>Bucket tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About bucket tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {0} tags; keys up to 128 and values up to 256 characters of letters, digits, spaces and + - = . _ : / @. Saving with no tags removes them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tags below are added to every object in the selection (replacing the values of the same keys); other tags are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {0} tags; keys are unique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems with the tags</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TlsWarning</name>
    <message>
        <source>TLS certificates of {0} are not verified: anyone on the network path could read and change this connection&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick Verify TLS certificates in the bookmark&apos;s Advanced settings, or give it a CA bundle, as soon as you can.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptWindow</name>
    <message>
        <source>Transcript of requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript — Eider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status (4, 404)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the lines shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the lines shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferConflict</name>
    <message>
        <source>in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in s3://{0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{0}&apos; already exists {1}.
Existing: {2}; new: {3} from {4}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferConflictDialog</name>
    <message>
        <source>The target exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply to all conflicts of this transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to all conflicts of this transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a numbered name, like &apos;name (1).ext&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the existing one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the existing one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer under {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the transfer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferStatus</name>
    <message>
        <source>Transfers and operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (+{0} more)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Done: {0} ({1:,} skipped: they exist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see the transfer log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransfersCommands</name>
    <message>
        <source>Cancel Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel {0}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An upload cut off halfway can stay on the server, so a later resume continues where it stopped, or be aborted, which deletes the parts already sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep Upload for Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Another Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected transfers on the bookmark:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransfersHub</name>
    <message>
        <source>Bandwidth limit in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers run slower than they could: a bandwidth limit is set.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransfersModel</name>
    <message>
        <source>Bookmark removed: remove the job or point it at another bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted — resumable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done ({0:,} skipped: they exist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed bookmark): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <source>Upload large files in parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multipart from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multipart &amp;from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Part size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy in parts from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy in parts from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (the provider&apos;s policy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MD5 (every provider)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (TLS only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hecksum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrity policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the target exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume, else overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep both (rename)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip if the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the target &amp;exists:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep modification times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simultaneous transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Simultaneous transfers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections per transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;nnections per transfer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload bandwidth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download bandwidth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth &amp;Schedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic here: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled rate(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No schedule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransfersWindow</name>
    <message>
        <source>uploads {0}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloads {0}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth limited: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers — Eider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs at once, connections per job, bandwidth and its schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth limit in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this window when a transfer starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Transfers window when a transfer starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume interrupted transfers at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume interrupted transfers when Eider starts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TreeMenu</name>
    <message>
        <source>Bucket or folder actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UploadEncryptionBox</name>
    <message>
        <source>Default encryption for uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key id or ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key id or ARN (empty: the account&apos;s default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key ring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the SSE-C key ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client-side encryption key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a client-side encryption key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;mport key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a client-side encryption key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file holding 32 bytes, or those bytes in base64 or hex (the key is copied to the keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No local key yet: generate or import one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local key {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Client-Side Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a client-side key file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultPassword</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultPasswordDialog</name>
    <message>
        <source>Master password of Eider&apos;s vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Eider&apos;s vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock Eider&apos;s vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a master password for Eider&apos;s vault. It encrypts the secrets you keep there; Eider cannot recover it. At least {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eider&apos;s vault is locked. Type its master password (asked once per session).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the master password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersioningTab</name>
    <message>
        <source>Versioning now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled: keep every version of every object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versioning enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suspended: new writes replace the current version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versioning suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versioning:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About suspending versioning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bucket that was versioned once can be suspended but never made unversioned again; versions already stored stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA delete status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA delete:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About MFA delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never enabled (unversioned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled (not reported by the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Enabled or Suspended first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebsiteTab</name>
    <message>
        <source>&amp;Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website hosting off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host a website from this bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host a website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect &amp;every request to another host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect every request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index.html</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Index document:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error.html (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;rror document:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect to host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>www.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect to &amp;host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing rules (kept unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing rules:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n routing rule(s), kept unchanged when you save:
</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Name the host every request is redirected to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This website has routing rules, which a redirect of every request cannot keep; remove them with another tool first, or keep hosting the site.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowBookmarks</name>
    <message>
        <source>Open Connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Bookmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Vault Password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;Bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowSet</name>
    <message>
        <source>That transfer&apos;s browser window is closed, and it was not started from a bookmark: open the connection to see the object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bookmark of that transfer was removed: point the transfer at another bookmark, or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
