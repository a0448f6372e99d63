// App composition root (filled in below).
